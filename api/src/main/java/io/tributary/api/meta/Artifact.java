package io.tributary.api.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.Map;

/** The artifact a source produced, as in Flux's {@code status.artifact}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Artifact {
    /** Path relative to the storage root: {@code <kind>/<namespace>/<name>/<file>}. */
    @Required
    public String path;
    /** HTTP address of the artifact in artifact-service. */
    @Required
    public String url;
    /** Human-readable source revision, e.g. {@code main@sha1:<hex>}. */
    @Required
    public String revision;
    /** {@code sha256:<hex>} of the file. */
    @Required
    @Pattern("^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$")
    public String digest;
    /** Size in bytes. */
    public Long size;
    /** RFC 3339 time the artifact was last updated. */
    @Required
    public String lastUpdateTime;
    public Map<String, String> metadata;
}
