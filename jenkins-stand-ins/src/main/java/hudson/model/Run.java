package hudson.model;

import java.io.IOException;

/** Stand-in: the step adapters only pass the run on (credentials lookup). */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> {
    protected Run(JobT job) throws IOException {}

    public String getId() {
        return "1";
    }
}
