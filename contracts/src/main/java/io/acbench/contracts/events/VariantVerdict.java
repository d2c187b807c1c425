package io.acbench.contracts.events;

import java.util.List;
import java.util.Objects;

/**
 * Whether one variant passed the evaluation's policy.
 *
 * @param variantId the variant
 * @param passed true when every threshold of the policy holds
 * @param reasons the thresholds that failed, one human-readable line each (empty when passed)
 */
public record VariantVerdict(String variantId, boolean passed, List<String> reasons) {
  public VariantVerdict {
    Objects.requireNonNull(variantId, "variantId");
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }
}
