package io.tributary.notification.provider;

import io.tributary.events.FluxEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What Flux's commit-status notifiers derive from an event: the commit, the status id and the description. */
final class CommitStatus {

    private static final Pattern HASH = Pattern.compile("^[0-9a-f]{40}$|^[0-9a-f]{64}$");

    private CommitStatus() {
    }

    /** Flux's default status id: {@code kind/name/<first segment of the Provider UID>}, lower-cased. */
    static String defaultId(String providerUid, FluxEvent event) {
        String uid = providerUid == null ? "" : providerUid.split("-", -1)[0];
        return (event.involvedObject().kind() + "/" + event.involvedObject().name() + "/" + uid).toLowerCase(Locale.ROOT);
    }

    /**
     * The commit hash of a revision: {@code <ref>@sha1:<hash>}, {@code sha1:<hash>}, {@code sha256:<hash>} or the
     * legacy {@code <branch>/<hash>} and bare {@code <hash>}.
     */
    static String commit(String revision) throws NotifierException {
        if (revision == null || revision.isEmpty()) {
            throw new NotifierException("missing revision metadata", false);
        }
        String rest = revision;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            rest = rest.substring(at + 1);
        }
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            rest = rest.substring(colon + 1);
        } else {
            int slash = rest.lastIndexOf('/');
            if (slash >= 0) {
                rest = rest.substring(slash + 1);
            }
        }
        if (!HASH.matcher(rest).matches()) {
            throw new NotifierException("failed to extract commit hash from '" + revision + "' revision", false);
        }
        return rest;
    }

    /** The reason split at its camel-case humps, lower-cased: {@code ReconciliationSucceeded} -> "reconciliation succeeded". */
    static String description(FluxEvent event) {
        return String.join(" ", splitCamelCase(event.reason() == null ? "" : event.reason())).toLowerCase(Locale.ROOT);
    }

    /** Flux's {@code splitCamelcase} (fatih/camelcase): runs of one character class, an upper letter moving to a following lower run. */
    static List<String> splitCamelCase(String text) {
        List<StringBuilder> runs = new ArrayList<>();
        int last = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int kind = Character.isLowerCase(cp) ? 1 : Character.isUpperCase(cp) ? 2 : Character.isDigit(cp) ? 3 : 4;
            if (kind == last) {
                runs.get(runs.size() - 1).appendCodePoint(cp);
            } else {
                runs.add(new StringBuilder().appendCodePoint(cp));
            }
            last = kind;
            i += Character.charCount(cp);
        }
        for (int i = 0; i < runs.size() - 1; i++) {
            StringBuilder run = runs.get(i);
            StringBuilder next = runs.get(i + 1);
            if (Character.isUpperCase(run.codePointAt(0)) && Character.isLowerCase(next.codePointAt(0))) {
                int lastCp = run.codePointBefore(run.length());
                run.setLength(run.length() - Character.charCount(lastCp));
                next.insert(0, Character.toChars(lastCp));
            }
        }
        List<String> out = new ArrayList<>();
        for (StringBuilder run : runs) {
            if (run.length() > 0) {
                out.add(run.toString());
            }
        }
        return out;
    }

    /**
     * {@code scheme://host[:port]} and the repository path (without {@code .git}) of a Git address, as Flux's
     * {@code parseGitAddress}: https URLs, {@code ssh://} URLs and scp-like {@code git@host:path} (ssh becomes https).
     */
    static String[] parseGitAddress(String address) throws NotifierException {
        String value = address == null ? "" : address.trim();
        java.util.regex.Matcher scp = java.util.regex.Pattern.compile("^(?:[^@/]+@)?([^:/]+):(?!//)(.+)$").matcher(value);
        String scheme;
        String host;
        String path;
        if (!value.contains("://") && scp.matches()) {
            scheme = "https";
            host = scp.group(1);
            path = scp.group(2);
        } else {
            java.net.URI uri;
            try {
                uri = new java.net.URI(value);
            } catch (java.net.URISyntaxException e) {
                throw new NotifierException("invalid repository address: not a URL", false);
            }
            if (uri.getScheme() == null || uri.getHost() == null || uri.getPath() == null) {
                throw new NotifierException("invalid repository address: it needs a scheme, a host and a path", false);
            }
            boolean ssh = "ssh".equals(uri.getScheme());
            scheme = ssh ? "https" : uri.getScheme();
            host = uri.getHost() + (uri.getPort() > 0 && !ssh ? ":" + uri.getPort() : "");
            path = uri.getPath();
        }
        path = path.replaceAll("^/+", "").replaceAll("\\.git$", "");
        if (path.isEmpty()) {
            throw new NotifierException("invalid repository address: no repository path", false);
        }
        return new String[] {scheme + "://" + host, path};
    }
}
