package io.tributary.testsupport;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.ReleaseHistory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The real Helm client (Helm's Go library through helm-java) against a cluster's kubeconfig: what a person running
 * {@code helm} would see. Tests use it to make releases the way Helm makes them and to check that releases made by
 * Tributary read back as Helm's own (same storage Secrets, same history).
 *
 * <p>Lives in test-support's test-jar so that helm-java's native library stays off every runtime classpath.
 */
public final class HelmClient {

    /** The chart under test-support's {@code demo-chart} resources: a ConfigMap and a Service. */
    public static final List<String> DEMO_CHART_FILES = List.of("Chart.yaml", "values.yaml", "templates/configmap.yaml",
            "templates/service.yaml");

    private final Path kubeconfig;

    public HelmClient(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
    }

    /** Name of the Secret in which Helm's storage driver keeps revision {@code revision} of release {@code release}. */
    public static String releaseSecretName(String release, int revision) {
        return "sh.helm.release.v1." + release + ".v" + revision;
    }

    /** Copies the demo chart out of the classpath into {@code dir}/demo and returns that directory. */
    public static Path demoChart(Path dir) {
        Path chart = dir.resolve("demo");
        for (String file : DEMO_CHART_FILES) {
            try (InputStream in = HelmClient.class.getClassLoader().getResourceAsStream("demo-chart/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("demo-chart/" + file + " is not on the classpath");
                }
                Files.createDirectories(chart.resolve(file).getParent());
                Files.copy(in, chart.resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the demo chart into " + dir, e);
            }
        }
        return chart;
    }

    /**
     * {@code helm registry login} (when the registry asks for a password) and {@code helm push CHART.tgz
     * oci://REGISTRY/NAMESPACE}: the chart lands in repository {@code NAMESPACE/<chart name>}, tagged with its version
     * ({@code +} written {@code _}). Returns what Helm printed.
     */
    public static String push(Path chartTgz, OciRegistry registry, String namespace) {
        Path ca = null;
        if (registry.pki() != null) {
            ca = chartTgz.resolveSibling("registry-ca-" + registry.host().replace(':', '-') + ".crt");
            try {
                Files.writeString(ca, registry.pki().caPem());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (registry.auth() == OciRegistry.Auth.BASIC) {
            var login = Helm.registry().login().withHost(registry.host()).withUsername(OciRegistry.USER).withPassword(registry.password());
            (ca == null ? login.plainHttp() : login.withCaFile(ca)).call();
        } else if (registry.auth() != OciRegistry.Auth.NONE) {
            throw new IllegalArgumentException("helm push needs a registry with basic auth or none, not " + registry.auth());
        }
        var push = Helm.push().withChart(chartTgz).withRemote(java.net.URI.create(registry.url(namespace)));
        return (ca == null ? push.plainHttp() : push.withCaFile(ca)).call();
    }

    /** {@code helm install NAME CHART -n NAMESPACE --set k=v...}. */
    public Release install(Path chart, String name, String namespace, Map<String, ?> values) {
        var install = new Helm(chart).install().withName(name).withNamespace(namespace).withKubeConfig(kubeconfig);
        values.forEach(install::set);
        return install.call();
    }

    /** {@code helm upgrade NAME CHART -n NAMESPACE --set k=v...}. */
    public Release upgrade(Path chart, String name, String namespace, Map<String, ?> values) {
        var upgrade = new Helm(chart).upgrade().withName(name).withNamespace(namespace).withKubeConfig(kubeconfig);
        values.forEach(upgrade::set);
        return upgrade.call();
    }

    /** {@code helm list -n NAMESPACE --all}: releases in every state. */
    public List<Release> list(String namespace) {
        return Helm.list().all().withNamespace(namespace).withKubeConfig(kubeconfig).call();
    }

    /** {@code helm history NAME -n NAMESPACE}, oldest first. */
    public List<ReleaseHistory> history(String name, String namespace) {
        return Helm.history(name).withNamespace(namespace).withKubeConfig(kubeconfig).call();
    }

    /** {@code helm status NAME -n NAMESPACE}. */
    public Release status(String name, String namespace) {
        return Helm.status(name).withNamespace(namespace).withKubeConfig(kubeconfig).call();
    }

    /** {@code helm status NAME -n NAMESPACE --revision N}. */
    public Release status(String name, String namespace, int revision) {
        return Helm.status(name).withRevision(revision).withNamespace(namespace).withKubeConfig(kubeconfig).call();
    }

    /** {@code helm get values NAME -n NAMESPACE [--all]} as YAML. */
    public String values(String name, String namespace, boolean all) {
        var get = Helm.get(name).values().withNamespace(namespace).withKubeConfig(kubeconfig);
        return all ? get.allValues().call() : get.call();
    }

    /** {@code helm get values NAME -n NAMESPACE --revision N [--all]} as YAML. */
    public String values(String name, String namespace, int revision, boolean all) {
        var get = Helm.get(name).values().withRevision(revision).withNamespace(namespace).withKubeConfig(kubeconfig);
        return all ? get.allValues().call() : get.call();
    }

    /** {@code helm uninstall NAME -n NAMESPACE [--keep-history]}; returns Helm's message. */
    public String uninstall(String name, String namespace, boolean keepHistory) {
        var uninstall = Helm.uninstall(name).withNamespace(namespace).withKubeConfig(kubeconfig);
        return keepHistory ? uninstall.keepHistory().call() : uninstall.call();
    }
}
