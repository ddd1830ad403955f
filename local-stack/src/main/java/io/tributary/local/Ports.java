package io.tributary.local;

import io.tributary.testsupport.KafkaBroker;

/** The ports the stack listens on; fixed for the run command, free ones for tests. */
public record Ports(int kafka, int kubeApi, int git, int artifact, int artifactManagement, int fetcher, int release,
        int webhook, int notificationManagement) {

    public static Ports defaults() {
        return new Ports(9092, 8001, 8180, 9090, 8083, 8081, 8082, 9292, 8084);
    }

    public static Ports free() {
        int[] p = KafkaBroker.freePorts(9);
        return new Ports(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]);
    }
}
