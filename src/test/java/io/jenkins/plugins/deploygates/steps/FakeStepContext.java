package io.jenkins.plugins.deploygates.steps;

import hudson.FilePath;
import hudson.model.TaskListener;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * A StepContext double for adapter tests: it hands out a TaskListener that records the console, an optional
 * workspace, and captures how the step completed.
 */
public final class FakeStepContext extends StepContext {
    private static final long serialVersionUID = 1L;

    private final transient ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final transient PrintStream logger = new PrintStream(console, true, StandardCharsets.UTF_8);
    private final transient Map<Class<?>, Object> objects = new HashMap<>();
    private final transient CompletableFuture<Object> outcome = new CompletableFuture<>();

    public FakeStepContext() {
        objects.put(TaskListener.class, (TaskListener) () -> logger);
    }

    /** Runs the step "inside a node block" with this folder as its workspace. */
    public FakeStepContext withWorkspace(File dir) {
        objects.put(FilePath.class, new FilePath(dir));
        return this;
    }

    public <T> FakeStepContext with(Class<T> type, T value) {
        objects.put(type, value);
        return this;
    }

    @Override
    public <T> T get(Class<T> key) {
        return key.cast(objects.get(key));
    }

    @Override
    public void onSuccess(Object result) {
        outcome.complete(result);
    }

    @Override
    public void onFailure(Throwable t) {
        outcome.completeExceptionally(t);
    }

    @Override
    public boolean isReady() {
        return outcome.isDone();
    }

    /** Waits for the step to complete and returns its result, or throws what it failed with. */
    public Object result(long seconds) throws Throwable {
        try {
            return outcome.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause();
        }
    }

    public boolean isDone() {
        return outcome.isDone();
    }

    public String console() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
