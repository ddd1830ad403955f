package io.tributary.testsupport;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Plays the kubelet for the {@link ControlPlane}, which has none: every Pod created in one namespace is given a status
 * through the status subresource, as a kubelet would report it, so that the real controllers take it from there (a
 * Deployment's ReplicaSet counts Ready Pods as available, the Job controller completes or fails a Job from its Pods'
 * phases). What each Pod becomes is the {@link #policy}'s choice; by default a Job's Pods succeed and every other Pod
 * runs and is Ready.
 *
 * <pre>
 * try (Kubelet kubelet = Kubelet.start(client, "apps", Kubelet.byName("fails", Kubelet.Outcome.FAIL))) { ... }
 * </pre>
 *
 * Pods are told their fate once, when first seen without a phase the helper set; a Pod it leaves {@link Outcome#PENDING}
 * stays Pending.
 */
public final class Kubelet implements AutoCloseable {

    /** What a Pod becomes. */
    public enum Outcome {
        /** Running, all containers ready, condition Ready=True. */
        READY,
        /** Phase Succeeded, containers terminated with exit code 0. */
        SUCCEED,
        /** Phase Failed, containers terminated with exit code 1. */
        FAIL,
        /** Left alone: Pending forever. */
        PENDING
    }

    private final KubernetesClient client;
    private final SharedIndexInformer<Pod> informer;
    private volatile Function<Pod, Outcome> policy;

    private Kubelet(KubernetesClient client, String namespace, Function<Pod, Outcome> policy) {
        this.client = client;
        this.policy = policy;
        this.informer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                handle(pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                handle(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                // nothing to report for a Pod that is gone
            }
        });
    }

    /** Starts watching {@code namespace}; returns once the watch is established. */
    public static Kubelet start(KubernetesClient client, String namespace, Function<Pod, Outcome> policy) {
        return new Kubelet(client, namespace, policy);
    }

    public static Kubelet start(KubernetesClient client, String namespace) {
        return start(client, namespace, defaults());
    }

    /** A Job's Pods succeed; all others are Ready. */
    public static Function<Pod, Outcome> defaults() {
        return pod -> ownedByJob(pod) ? Outcome.SUCCEED : Outcome.READY;
    }

    /** Pods whose name contains {@code fragment} get {@code outcome}; the others follow {@link #defaults()}. */
    public static Function<Pod, Outcome> byName(String fragment, Outcome outcome) {
        Function<Pod, Outcome> fallback = defaults();
        return pod -> pod.getMetadata().getName().contains(fragment) ? outcome : fallback.apply(pod);
    }

    /** Changes what Pods seen from now on become. */
    public void policy(Function<Pod, Outcome> newPolicy) {
        this.policy = newPolicy;
    }

    private static boolean ownedByJob(Pod pod) {
        return pod.getMetadata().getOwnerReferences() != null
                && pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> "Job".equals(o.getKind()));
    }

    private void handle(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null || pod.getStatus() != null && pod.getStatus().getStartTime() != null) {
            return;
        }
        Outcome outcome = policy.apply(pod);
        if (outcome == Outcome.PENDING) {
            return;
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<ContainerStatus> containers = new ArrayList<>();
        pod.getSpec().getContainers().forEach(c -> {
            ContainerStatusBuilder status = new ContainerStatusBuilder().withName(c.getName()).withImage(c.getImage())
                    .withImageID("docker.io/" + c.getImage()).withRestartCount(0).withStarted(outcome == Outcome.READY)
                    .withReady(outcome == Outcome.READY);
            if (outcome == Outcome.READY) {
                status.withNewState().withNewRunning().withStartedAt(now).endRunning().endState();
            } else {
                status.withNewState().withNewTerminated().withExitCode(outcome == Outcome.SUCCEED ? 0 : 1)
                        .withReason(outcome == Outcome.SUCCEED ? "Completed" : "Error").withStartedAt(now).withFinishedAt(now)
                        .endTerminated().endState();
            }
            containers.add(status.build());
        });
        String ready = outcome == Outcome.READY ? "True" : "False";
        List<PodCondition> conditions = List.of(condition("PodScheduled", "True", now), condition("Initialized", "True", now),
                condition("ContainersReady", ready, now), condition("Ready", ready, now));
        pod.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                .withPhase(switch (outcome) {
                    case READY -> "Running";
                    case SUCCEED -> "Succeeded";
                    default -> "Failed";
                })
                .withStartTime(now).withHostIP("127.0.0.1").withPodIP("10.0.0.1").withConditions(conditions)
                .withContainerStatuses(containers).build());
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).updateStatus();
        } catch (KubernetesClientException e) {
            // a conflict or a Pod deleted meanwhile: the informer's next event for it tries again
        }
    }

    private static PodCondition condition(String type, String status, String now) {
        return new PodConditionBuilder().withType(type).withStatus(status).withLastTransitionTime(now).build();
    }

    @Override
    public void close() {
        informer.close();
    }
}
