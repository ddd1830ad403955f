package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.api.source.GitRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.ResetCommand;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What {@code bin/run-local} tells a newcomer to do works as printed: clone the demo repository, commit, {@code git
 * push}, fire the webhook; and what it promises holds: services on loopback only, no secret on a command line.
 */
@ExtendWith(SharedStack.class)
class NewcomerPathIT {

    private static LocalStack stack;

    @BeforeAll
    static void start() {
        stack = SharedStack.get();
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=Newcomer", "-c", "user.email=new@example.com"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("git " + String.join(" ", args) + ":\n" + out).isZero();
        return out.trim();
    }

    @Test
    void aCloneCommitPushAndTheWebhookBringTheNewRevision() throws Exception {
        Path parent = Files.createTempDirectory("tributary-newcomer");
        try {
            git(parent, "clone", stack.gitBaseUrl() + DemoRepository.NAME + ".git", "tributary-demo");
            Path clone = parent.resolve("tributary-demo");
            Files.writeString(clone.resolve("README.md"), "# demo\nChanged by a git push.\n");
            git(clone, "commit", "-am", "Change the README");
            git(clone, "push");
            String pushed = git(clone, "rev-parse", "HEAD");
            // the server's repository has a working tree the tests commit through: bring it to the pushed commit
            stack.git().repository(DemoRepository.NAME).reset().setMode(ResetCommand.ResetType.HARD).setRef("HEAD").call();
            assertThat(stack.git().repository(DemoRepository.NAME).getRepository().resolve("refs/heads/main").name()).isEqualTo(pushed);

            String body = LocalStackMain.PUSH_BODY;
            String path = stack.client().resources(io.tributary.api.notification.Receiver.class).inNamespace("default")
                    .withName("demo").get().getStatus().webhookPath;
            HttpResponse<String> fired = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.webhookUrl() + path))
                    .header("Content-Type", "application/json").header("X-GitHub-Event", "push")
                    .header("X-Hub-Signature-256", WebhookSignature.github(LocalStackMain.DEMO_TOKEN, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fired.statusCode()).isEqualTo(200);
            stack.await("GitRepository default/demo at the pushed commit", Duration.ofMinutes(1), () -> {
                GitRepository repo = stack.client().resources(GitRepository.class).inNamespace("default").withName("demo").get();
                return repo.getStatus().artifact != null && ("main@sha1:" + pushed).equals(repo.getStatus().artifact.revision);
            });
        } finally {
            LocalStack.deleteTree(parent);
        }
    }

    @Test
    void noCommandLineCarriesTheUploadTokenOrAnyCredential() throws IOException {
        for (String name : List.of("kafka", "artifact-service", "fetcher-service", "release-service", "notification-service")) {
            String commandLine = Files.readString(Path.of("/proc", Long.toString(stack.pid(name)), "cmdline")).replace('\0', ' ');
            assertThat(commandLine).as(name + "'s command line").doesNotContainIgnoringCase("token")
                    .doesNotContainIgnoringCase("password").doesNotContain("client-key").doesNotContain("cert-data");
        }
    }

    @Test
    void everyServiceListensOnLoopbackOnly() throws IOException {
        Ports ports = stack.ports();
        List<Integer> servicePorts = List.of(ports.artifact(), ports.artifactManagement(), ports.fetcher(), ports.release(),
                ports.webhook(), ports.notificationManagement());
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.trim().split("\\s+");
                // st 0A is LISTEN; local_address is HEXIP:HEXPORT
                if (!"0A".equals(fields[3])) {
                    continue;
                }
                String[] address = fields[1].split(":");
                if (servicePorts.contains(Integer.parseInt(address[1], 16))) {
                    listening.add(address[0]);
                }
            }
        }
        assertThat(listening).as("listening addresses of the service ports").hasSize(servicePorts.size())
                .allMatch(a -> a.equals("0100007F") || a.equals("0000000000000000FFFF00000100007F")
                        || a.equals("00000000000000000000000001000000"), "127.0.0.1, ::ffff:127.0.0.1 or ::1");
    }
}
