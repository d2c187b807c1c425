package io.acbench.runtime.model;

/** The seven linear layers of a decoder layer, named as in Hugging Face checkpoints. */
public enum Projection {
  Q_PROJ("self_attn", "q_proj"),
  K_PROJ("self_attn", "k_proj"),
  V_PROJ("self_attn", "v_proj"),
  O_PROJ("self_attn", "o_proj"),
  GATE_PROJ("mlp", "gate_proj"),
  UP_PROJ("mlp", "up_proj"),
  DOWN_PROJ("mlp", "down_proj");

  private final String module;
  private final String hfName;

  Projection(String module, String hfName) {
    this.module = module;
    this.hfName = hfName;
  }

  /** The checkpoint name, e.g. {@code q_proj}. */
  public String hfName() {
    return hfName;
  }

  /** The tensor prefix inside a layer, e.g. {@code self_attn.q_proj}. */
  public String path() {
    return module + "." + hfName;
  }

  /** Looks a projection up by its checkpoint name ({@code q_proj} … {@code down_proj}). */
  public static Projection fromHfName(String name) {
    for (Projection p : values()) {
      if (p.hfName.equals(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown linear layer '"
            + name
            + "': expected one of q_proj, k_proj, v_proj, o_proj,"
            + " gate_proj, up_proj, down_proj");
  }
}
