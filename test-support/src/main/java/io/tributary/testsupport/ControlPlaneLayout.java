package io.tributary.testsupport;

import java.nio.file.Path;
import java.util.List;

/**
 * Where one control plane keeps its files and which loopback ports it listens on, and the command-line flags
 * that follow from them. Pure: nothing here touches the disk or the network.
 */
record ControlPlaneLayout(Path dir, int etcdClientPort, int etcdPeerPort, int apiServerPort, int controllerManagerPort) {

    /** Stands for the service network only: Services get cluster IPs from it, nothing routes to it. */
    static final String SERVICE_CLUSTER_IP_RANGE = "10.0.0.0/24";
    static final String SERVICE_ACCOUNT_ISSUER = "https://kubernetes.default.svc.cluster.local";

    Path pki(String file) {
        return dir.resolve("pki").resolve(file);
    }

    Path etcdData() {
        return dir.resolve("etcd");
    }

    Path log(String component) {
        return dir.resolve("logs").resolve(component + ".log");
    }

    Path adminKubeconfig() {
        return dir.resolve("admin.kubeconfig");
    }

    Path controllerManagerKubeconfig() {
        return dir.resolve("kube-controller-manager.kubeconfig");
    }

    String etcdUrl() {
        return "http://127.0.0.1:" + etcdClientPort;
    }

    String apiServerUrl() {
        return "https://127.0.0.1:" + apiServerPort;
    }

    List<String> etcdArgs() {
        String peer = "http://127.0.0.1:" + etcdPeerPort;
        return List.of(
                "--name=default",
                "--data-dir=" + etcdData(),
                "--listen-client-urls=" + etcdUrl(),
                "--advertise-client-urls=" + etcdUrl(),
                "--listen-peer-urls=" + peer,
                "--initial-advertise-peer-urls=" + peer,
                "--initial-cluster=default=" + peer,
                // a test cluster's data is thrown away; fsync only costs time
                "--unsafe-no-fsync=true",
                "--log-level=warn");
    }

    List<String> apiServerArgs() {
        return List.of(
                "--etcd-servers=" + etcdUrl(),
                "--bind-address=127.0.0.1",
                "--advertise-address=127.0.0.1",
                "--secure-port=" + apiServerPort,
                "--cert-dir=" + dir.resolve("kube-apiserver"),
                "--tls-cert-file=" + pki("apiserver.crt"),
                "--tls-private-key-file=" + pki("apiserver.key"),
                "--client-ca-file=" + pki("ca.crt"),
                "--authorization-mode=RBAC",
                "--allow-privileged=true",
                "--service-cluster-ip-range=" + SERVICE_CLUSTER_IP_RANGE,
                "--service-account-issuer=" + SERVICE_ACCOUNT_ISSUER,
                "--service-account-key-file=" + pki("sa.pub"),
                "--service-account-signing-key-file=" + pki("sa.key"),
                // the front proxy, as kubeadm sets it up: aggregated API servers and the controller manager's
                // delegated authentication read these from the extension-apiserver-authentication ConfigMap
                "--requestheader-client-ca-file=" + pki("front-proxy-ca.crt"),
                "--requestheader-allowed-names=" + ControlPlanePki.FRONT_PROXY_CLIENT,
                "--requestheader-username-headers=X-Remote-User",
                "--requestheader-group-headers=X-Remote-Group",
                "--requestheader-extra-headers-prefix=X-Remote-Extra-",
                "--proxy-client-cert-file=" + pki("front-proxy-client.crt"),
                "--proxy-client-key-file=" + pki("front-proxy-client.key"),
                // the Endpoints of Service "kubernetes" may not hold a loopback address, and no pod runs to use them
                "--endpoint-reconciler-type=none",
                "--profiling=false");
    }

    List<String> controllerManagerArgs() {
        String kubeconfig = controllerManagerKubeconfig().toString();
        return List.of(
                "--kubeconfig=" + kubeconfig,
                "--authentication-kubeconfig=" + kubeconfig,
                "--authorization-kubeconfig=" + kubeconfig,
                "--bind-address=127.0.0.1",
                "--secure-port=" + controllerManagerPort,
                "--leader-elect=false",
                // each controller acts as its own service account, as in kubeadm clusters, so RBAC is exercised
                "--use-service-account-credentials=true",
                "--service-account-private-key-file=" + pki("sa.key"),
                "--root-ca-file=" + pki("ca.crt"),
                "--cluster-signing-cert-file=" + pki("ca.crt"),
                "--cluster-signing-key-file=" + pki("ca.key"),
                "--service-cluster-ip-range=" + SERVICE_CLUSTER_IP_RANGE,
                "--profiling=false");
    }
}
