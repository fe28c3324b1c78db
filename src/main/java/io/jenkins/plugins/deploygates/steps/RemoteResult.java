package io.jenkins.plugins.deploygates.steps;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;

/**
 * The answer of a remote call ({@code FilePath.actAsync}) as a CompletableFuture, without a thread waiting for it: a
 * timer looks at the call a few times a second. Gates waiting on agents then cost the controller no thread each.
 */
final class RemoteResult {
    static final long CHECK_EVERY_MS = 250;

    private RemoteResult() {}

    static <T> CompletableFuture<T> of(Future<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        ScheduledFuture<?>[] checker = new ScheduledFuture<?>[1];
        checker[0] = Timer.get().scheduleWithFixedDelay(() -> {
            if (!call.isDone()) {
                return;
            }
            checker[0].cancel(false);
            try {
                result.complete(call.get());
            } catch (ExecutionException e) {
                result.completeExceptionally(e.getCause());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        }, CHECK_EVERY_MS, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
        return result;
    }
}
