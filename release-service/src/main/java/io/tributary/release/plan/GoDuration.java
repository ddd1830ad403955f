package io.tributary.release.plan;

import java.math.BigDecimal;
import java.time.Duration;

/** Go's {@code time.Duration.String} for whole milliseconds: {@code 5m0s}, {@code 1h0m0s}, {@code 1.5s}, {@code 500ms}. */
public final class GoDuration {

    private GoDuration() {
    }

    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis == 0) {
            return "0s";
        }
        String sign = millis < 0 ? "-" : "";
        millis = Math.abs(millis);
        if (millis < 1000) {
            return sign + millis + "ms";
        }
        long hours = millis / 3_600_000;
        long minutes = millis / 60_000 % 60;
        String seconds = BigDecimal.valueOf(millis % 60_000, 3).stripTrailingZeros().toPlainString();
        StringBuilder out = new StringBuilder(sign);
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || minutes > 0) {
            out.append(minutes).append('m');
        }
        return out.append(seconds).append('s').toString();
    }
}
