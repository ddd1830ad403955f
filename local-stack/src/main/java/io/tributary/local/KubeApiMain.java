package io.tributary.local;

import io.tributary.testsupport.KubeApiServer;
import java.util.concurrent.CountDownLatch;

/** Runs the CRUD-mode Kubernetes API server as its own process: {@code KubeApiMain <port>}. */
public final class KubeApiMain {

    private KubeApiMain() {
    }

    public static void main(String[] args) throws Exception {
        KubeApiServer server = KubeApiServer.start(Integer.parseInt(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("kubernetes api ready at " + server.url());
        new CountDownLatch(1).await();
    }
}
