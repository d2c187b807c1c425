package io.acbench.taskrunner.probe;

import io.acbench.runtime.fixtures.FixtureModels;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Two tiny qwen2 fixture checkpoints (the same tokenizer, different seeded weights: a "base" and a
 * "variant") served as the probe models {@code base-probe} and {@code rtn-probe} by a {@link
 * ProbeModelServer}; the runner's inference endpoint, state and result directories point at it and
 * at fresh directories. The checkpoint directories are published as the system properties {@link
 * #BASE} and {@link #VARIANT} (the test and the resource may live in different class loaders).
 */
public class ProbeModelServerResource implements QuarkusTestResourceLifecycleManager {

  static final String BASE = "acbench.test.probe.base";
  static final String VARIANT = "acbench.test.probe.variant";

  private ProbeModelServer server;

  @Override
  public Map<String, String> start() {
    try {
      Path root = Files.createTempDirectory("acbench-probe-test-");
      Path base = root.resolve("base");
      Path variant = root.resolve("variant");
      Path results = root.resolve("probes");
      FixtureModels.write("qwen2", "tiny", 7, base);
      FixtureModels.write("qwen2", "tiny", 8, variant);
      System.setProperty(BASE, base.toString());
      System.setProperty(VARIANT, variant.toString());
      server = new ProbeModelServer(Map.of("base-probe", base, "rtn-probe", variant));
      return Map.of(
          "acbench.task-runner.inference-endpoints",
          server.target(),
          "acbench.task-runner.state-dir",
          root.resolve("state").toString(),
          "acbench.task-runner.probe.result-dir",
          results.toString(),
          "acbench.task-runner.probe.windows",
          "6",
          "acbench.task-runner.probe.batch-size",
          "4",
          "acbench.task-runner.sample-limit",
          "4");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
