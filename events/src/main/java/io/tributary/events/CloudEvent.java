package io.tributary.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** CloudEvents 1.0 envelope in structured JSON mode. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        T data) {
}
