package io.tributary.local;

import io.tributary.testsupport.GitServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/** The demo git repository: a small chart under {@code charts/demo} and a README. */
public final class DemoRepository {

    public static final String NAME = "demo";
    static final String[] CHART_FILES = {"Chart.yaml", "values.yaml", "templates/configmap.yaml", "templates/service.yaml"};

    private DemoRepository() {
    }

    public static RevCommit create(GitServer git) {
        return create(git, NAME);
    }

    /** The demo repository under another name, for a test that changes it without disturbing the others. */
    public static RevCommit create(GitServer git, String name) {
        allowPush(git.createRepository(name));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", "# demo\nA chart served by the Tributary local stack.\n");
        for (String file : CHART_FILES) {
            files.put("charts/demo/" + file, resource("demo-chart/" + file));
        }
        return git.commit(name, files, "Add the demo chart");
    }

    /**
     * Lets anyone push over HTTP ({@code http.receivepack}, which JGit's servlet reads per repository): the demo is on
     * loopback only, and {@code git push} is how a newcomer changes it.
     */
    private static void allowPush(Git git) {
        StoredConfig config = git.getRepository().getConfig();
        config.setBoolean("http", null, "receivepack", true);
        try {
            config.save();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot enable pushes to the demo repository", e);
        }
    }

    static String resource(String path) {
        try (InputStream in = DemoRepository.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
