package io.tributary.fetcher.source.git;

import io.tributary.api.source.GitRepositoryVerification;
import io.tributary.fetcher.source.FetchFailure;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTag;

/** {@code spec.verify}: which signatures a checkout must carry, and checking them. */
public final class GitVerification {

    private GitVerification() {
    }

    /** A signature check failed: SourceVerified=False with the reason, and no artifact. */
    public static final class Failure extends FetchFailure {
        public Failure(String reason, String message) {
            super(reason, message, false);
        }
    }

    /** Verification modes with their wire names. */
    public enum Mode {
        HEAD("HEAD", true, false), TAG("Tag", false, true), TAG_AND_HEAD("TagAndHEAD", true, true);

        final String wire;
        final boolean head;
        final boolean tag;

        Mode(String wire, boolean head, boolean tag) {
            this.wire = wire;
            this.head = head;
            this.tag = tag;
        }
    }

    public static Mode mode(GitRepositoryVerification verify) {
        if (verify.mode == null) {
            return Mode.HEAD;
        }
        return switch (verify.mode) {
            case LEGACY_HEAD, HEAD -> Mode.HEAD;
            case TAG -> Mode.TAG;
            case TAG_AND_HEAD -> Mode.TAG_AND_HEAD;
        };
    }

    /** Checks the tag and/or commit as the mode asks; returns what was verified, for the SourceVerified message. */
    public static String verify(SignatureVerifier verifier, Mode mode, RevCommit commit,
            RevTag tag) throws FetchFailure {
        List<String> done = new ArrayList<>();
        if (mode.tag) {
            if (tag == null) {
                throw new Failure("InvalidTagSignature", "cannot verify the tag: it is a lightweight tag, not a signed annotated tag");
            }
            try {
                String key = verifier.verify(SignatureVerifier.tagPayload(tag.getRawBuffer(), tag.getRawGpgSignature()), tag.getRawGpgSignature());
                done.add("tag '" + tag.getTagName() + "' with key '" + key + "'");
            } catch (IllegalArgumentException e) {
                throw new Failure("InvalidTagSignature", "signature of tag '" + tag.getTagName() + "' cannot be verified: " + e.getMessage());
            }
        }
        if (mode.head) {
            try {
                String key = verifier.verify(SignatureVerifier.commitPayload(commit.getRawBuffer()), commit.getRawGpgSignature());
                done.add("commit '" + commit.name() + "' with key '" + key + "'");
            } catch (IllegalArgumentException e) {
                throw new Failure("InvalidCommitSignature", "signature of commit '" + commit.name() + "' cannot be verified: " + e.getMessage());
            }
        }
        return "verified signature of " + String.join(" and ", done);
    }

}
