package io.acbench.inference.client;

/** RPC names as Triton spells them; used in metrics tags and exception messages. */
final class Rpc {
  static final String SERVER_LIVE = "ServerLive";
  static final String SERVER_READY = "ServerReady";
  static final String MODEL_READY = "ModelReady";
  static final String SERVER_METADATA = "ServerMetadata";
  static final String MODEL_METADATA = "ModelMetadata";
  static final String MODEL_CONFIG = "ModelConfig";
  static final String MODEL_STATISTICS = "ModelStatistics";
  static final String MODEL_INFER = "ModelInfer";
  static final String MODEL_STREAM_INFER = "ModelStreamInfer";
  static final String REPOSITORY_INDEX = "RepositoryIndex";
  static final String REPOSITORY_MODEL_LOAD = "RepositoryModelLoad";
  static final String REPOSITORY_MODEL_UNLOAD = "RepositoryModelUnload";

  private Rpc() {}
}
