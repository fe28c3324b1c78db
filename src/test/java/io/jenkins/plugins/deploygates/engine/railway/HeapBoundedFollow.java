package io.jenkins.plugins.deploygates.engine.railway;

import io.jenkins.plugins.deploygates.engine.common.Redactor;

/**
 * Run in a child JVM with a small {@code -Xmx} by {@link FollowerHeapTest}: follows deployment
 * {@link HostileRailway#DEPLOYMENT_ID} at the address given and prints the console's lines, then the verdict. If a
 * subscription message were held whole, it would die with OutOfMemoryError.
 */
public final class HeapBoundedFollow {
    private HeapBoundedFollow() {}

    public static void main(String[] args) throws Exception {
        RailwayConnection railway = new RailwayConnection(RailwayEndpoints.of(args[0]), new RailwayToken(
                RailwayToken.Kind.PROJECT, FakeRailway.PROJECT_TOKEN), RailwayEndpoints.httpClient(),
                RailwayTime.system(), System.out::println, Redactor.byShape());
        DeploymentRecord record = DeploymentSubscriptionTest.follow(railway);
        System.out.println("verdict=" + record.verdict + " reason=" + record.reason);
    }
}
