package io.acbench.inference.client;

import io.grpc.Status;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A generation read as a blocking iterator of chunks. {@link #hasNext()} blocks until the next
 * response or the end; a failure is thrown from it as a {@link TritonException}. Closing before the
 * end cancels the call.
 */
public final class GenerationStream implements Iterator<GenerationChunk>, AutoCloseable {

  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private Generation generation;
  private GenerationChunk peeked;
  private Object terminal;

  GenerationStream() {}

  GenerationListener listener() {
    return new GenerationListener() {
      @Override
      public void onChunk(GenerationChunk chunk) {
        events.add(chunk);
      }

      @Override
      public void onComplete(GenerationResult result) {
        events.add(result);
      }

      @Override
      public void onError(TritonException error) {
        events.add(error);
      }
    };
  }

  void attach(Generation g) {
    this.generation = g;
  }

  public String requestId() {
    return generation.requestId();
  }

  @Override
  public boolean hasNext() {
    if (peeked != null) {
      return true;
    }
    if (terminal == null) {
      Object e = take();
      if (e instanceof GenerationChunk c) {
        peeked = c;
        return true;
      }
      terminal = e;
    }
    if (terminal instanceof TritonException te) {
      throw te;
    }
    return false;
  }

  @Override
  public GenerationChunk next() {
    if (!hasNext()) {
      throw new NoSuchElementException("generation " + requestId() + " has ended");
    }
    GenerationChunk c = peeked;
    peeked = null;
    return c;
  }

  /** Reads to the end and returns the accumulated result; throws the failure if there was one. */
  public GenerationResult result() {
    while (hasNext()) {
      next();
    }
    return (GenerationResult) terminal;
  }

  private Object take() {
    try {
      return events.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      generation.cancel();
      return new TritonException(
          Status.Code.CANCELLED,
          Rpc.MODEL_STREAM_INFER,
          "",
          "interrupted while waiting for generation " + generation.requestId(),
          false,
          e);
    }
  }

  /** Cancels the generation if it is still running. */
  @Override
  public void close() {
    if (generation != null && !generation.isDone()) {
      generation.cancel();
    }
  }
}
