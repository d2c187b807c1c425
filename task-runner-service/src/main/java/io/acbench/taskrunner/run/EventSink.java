package io.acbench.taskrunner.run;

import io.acbench.contracts.events.AcbenchEvent;
import java.util.concurrent.CompletionStage;

/** Where the runner's events go; the stage completes when the broker acknowledged the event. */
public interface EventSink {

  CompletionStage<Void> send(AcbenchEvent event);
}
