package io.tributary.helm.index;

/**
 * Go's strict RFC 3339 check, as {@code time.Time.UnmarshalJSON} applies it to an index's {@code generated} and each
 * entry's {@code created}: {@code 2006-01-02T15:04:05[.frac](Z|±hh:mm)}, upper-case T and Z, every field in range.
 */
final class Rfc3339 {

    private Rfc3339() {
    }

    static boolean valid(String s) {
        if (s.length() < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return false;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        int second = number(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return false;
        }
        int i = 19;
        if (i + 1 < s.length() && s.charAt(i) == '.' && digit(s.charAt(i + 1))) {
            i += 2;
            while (i < s.length() && digit(s.charAt(i))) {
                i++;
            }
        }
        String zone = s.substring(i);
        if (zone.equals("Z")) {
            return true;
        }
        if (zone.length() != 6 || (zone.charAt(0) != '+' && zone.charAt(0) != '-') || zone.charAt(3) != ':') {
            return false;
        }
        int zoneHour = number(zone, 1, 2);
        int zoneMinute = number(zone, 4, 2);
        return zoneHour >= 0 && zoneHour <= 23 && zoneMinute >= 0 && zoneMinute <= 59;
    }

    private static int number(String s, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            if (!digit(s.charAt(i))) {
                return -1;
            }
            value = value * 10 + (s.charAt(i) - '0');
        }
        return value;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int daysIn(int month, int year) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
