package io.tributary.local;

import io.tributary.testsupport.KafkaBroker;

/** The ports the stack listens on; fixed for the run command, free ones for tests. */
public record Ports(int kafka, int kafkaController, int kubeApi, int git, int artifact, int artifactManagement, int fetcher,
        int release, int webhook, int notificationManagement) {

    public static Ports defaults() {
        return new Ports(9092, 9093, 6443, 8180, 9090, 8083, 8081, 8082, 9292, 8084);
    }

    public static Ports free() {
        // reserved together, so that no process of the stack picks a port another one was given
        int[] p = KafkaBroker.freePorts(10);
        return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
    }
}
