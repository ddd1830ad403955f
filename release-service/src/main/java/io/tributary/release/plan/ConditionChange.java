package io.tributary.release.plan;

/**
 * A condition to set. With {@code replaces}, that condition is removed and this one takes its place and its
 * lastTransitionTime (helm-controller's {@code replaceCondition}).
 */
public record ConditionChange(String type, boolean status, String reason, String message, String replaces) {

    public static ConditionChange set(String type, boolean status, String reason, String message) {
        return new ConditionChange(type, status, reason, message, null);
    }
}
