package io.acbench.compressor.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactCacheTest {

  @TempDir Path tmp;

  @Test
  void aCompleteArtifactIsReusedWithoutBuilding() throws Exception {
    ArtifactCache cache = new ArtifactCache(tmp);
    AtomicInteger calls = new AtomicInteger();
    ArtifactCache.Builder builder =
        dir -> {
          calls.incrementAndGet();
          Files.writeString(dir.resolve("model.safetensors"), "weights");
        };
    ArtifactCache.Artifact first = cache.getOrBuild("abc", builder);
    ArtifactCache.Artifact second = cache.getOrBuild("abc", builder);
    assertThat(first.reused()).isFalse();
    assertThat(second.reused()).isTrue();
    assertThat(second.dir()).isEqualTo(first.dir());
    assertThat(calls).hasValue(1);
    assertThat(cache.builds()).isEqualTo(1);
    assertThat(first.dir().resolve(ArtifactCache.COMPLETE)).exists();
  }

  @Test
  void aDirectoryWithoutTheCompleteMarkerIsRebuiltAndAFailedBuildLeavesNothing() throws Exception {
    ArtifactCache cache = new ArtifactCache(tmp);
    Path crashed = tmp.resolve("variants").resolve("xyz");
    Files.createDirectories(crashed);
    Files.writeString(crashed.resolve("model.safetensors"), "half written");
    assertThat(cache.lookup("xyz")).isEmpty();

    assertThatThrownBy(
            () ->
                cache.getOrBuild(
                    "xyz",
                    dir -> {
                      Files.writeString(dir.resolve("partial"), "x");
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");
    assertThat(cache.lookup("xyz")).isEmpty();
    try (var s = Files.list(tmp.resolve("variants"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("xyz");
    }

    ArtifactCache.Artifact a =
        cache.getOrBuild("xyz", dir -> Files.writeString(dir.resolve("model.safetensors"), "ok"));
    assertThat(a.reused()).isFalse();
    assertThat(Files.readString(a.dir().resolve("model.safetensors"))).isEqualTo("ok");
  }

  @Test
  void variantIdsDependOnEveryInput() {
    String id = ArtifactCache.variantId("base", "gptq?bits=4", "calib");
    assertThat(id).hasSize(64).isEqualTo(ArtifactCache.variantId("base", "gptq?bits=4", "calib"));
    assertThat(ArtifactCache.variantId("base2", "gptq?bits=4", "calib")).isNotEqualTo(id);
    assertThat(ArtifactCache.variantId("base", "gptq?bits=3", "calib")).isNotEqualTo(id);
    assertThat(ArtifactCache.variantId("base", "gptq?bits=4", "calib2")).isNotEqualTo(id);
  }

  @Test
  void theModelDigestCoversConfigAndWeightsButNotOtherFiles() throws Exception {
    Files.writeString(tmp.resolve("config.json"), "{}");
    Files.writeString(tmp.resolve("model.safetensors"), "w1");
    String d1 = Digests.model(tmp);
    Files.writeString(tmp.resolve("README.md"), "notes");
    assertThat(Digests.model(tmp)).isEqualTo(d1);
    Files.writeString(tmp.resolve("model.safetensors"), "w2!");
    assertThat(Digests.model(tmp)).isNotEqualTo(d1);
  }
}
