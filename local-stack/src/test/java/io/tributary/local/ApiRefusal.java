package io.tributary.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What the API server does with an object its CRD's OpenAPI schema forbids (a URL scheme outside the pattern, an
 * interval that is no duration, a required field missing): it refuses it with 422 Unprocessable Entity and names the
 * field, as for Flux, and nothing is stored. The operators' own checks of the same fields are unit-tested.
 */
final class ApiRefusal {

    private ApiRefusal() {
    }

    static void assertRefused(ThrowingCallable create, String field) {
        Throwable thrown = catchThrowable(create);
        assertThat(thrown).as("the API server refuses an invalid " + field).isInstanceOf(KubernetesClientException.class);
        KubernetesClientException refused = (KubernetesClientException) thrown;
        assertThat(refused.getCode()).as("HTTP status for an invalid " + field).isEqualTo(422);
        assertThat(refused.getStatus().getDetails().getCauses()).extracting(cause -> cause.getField()).contains(field);
    }
}
