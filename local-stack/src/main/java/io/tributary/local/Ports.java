package io.tributary.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** The ports the stack listens on; fixed for the run command, free ones for tests. */
public record Ports(int kafka, int kubeApi, int git, int artifact, int artifactManagement, int fetcher, int release,
        int webhook, int notificationManagement) {

    public static Ports defaults() {
        return new Ports(9092, 8001, 8180, 9090, 8083, 8081, 8082, 9292, 8084);
    }

    public static Ports free() {
        return new Ports(free1(), free1(), free1(), free1(), free1(), free1(), free1(), free1(), free1());
    }

    private static int free1() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
