package io.acbench.metrics.rest;

import io.acbench.metrics.config.MetricsConfig;
import io.acbench.metrics.scoring.ReportLinks;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Report links of {@code evaluation.completed}: the HTML report endpoint under {@code
 * acbench.metrics.public-url}.
 */
@ApplicationScoped
public class ConfiguredReportLinks implements ReportLinks {

  private final String publicUrl;

  public ConfiguredReportLinks(MetricsConfig config) {
    String url = config.publicUrl();
    this.publicUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public String reportUri(String evaluationId) {
    return publicUrl
        + "/api/v1/results/"
        + URLEncoder.encode(evaluationId, StandardCharsets.UTF_8).replace("+", "%20")
        + "/report.html";
  }
}
