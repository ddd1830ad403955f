package io.tributary.testsupport;

import java.util.Random;

/** Generates a Helm index shaped like Bitnami's: many charts, many versions each, ~1 KB per entry. */
public final class IndexGenerator {

    private IndexGenerator() {
    }

    /** About {@code versions} entries over {@code charts} charts; {@code seed} varies the content. */
    public static String generate(int charts, int versions, long seed) {
        Random random = new Random(seed);
        StringBuilder yaml = new StringBuilder(versions * 1100);
        yaml.append("apiVersion: v1\ngenerated: \"2026-11-24T00:00:00Z\"\nentries:\n");
        int perChart = Math.max(1, versions / charts);
        for (int c = 0; c < charts; c++) {
            String name = "chart-" + c + "-" + Long.toString(seed, 36);
            yaml.append("  ").append(name).append(":\n");
            for (int v = 0; v < perChart; v++) {
                String version = (v / 100) + "." + ((v / 10) % 10) + "." + (v % 10);
                yaml.append("  - annotations:\n      category: Infrastructure\n      images: |\n        - name: ").append(name)
                        .append("\n          image: docker.io/bitnami/").append(name).append(":").append(version).append("-debian-12-r")
                        .append(random.nextInt(50)).append("\n      licenses: Apache-2.0\n")
                        .append("    apiVersion: v2\n    appVersion: ").append(random.nextInt(20)).append(".").append(random.nextInt(20))
                        .append(".").append(random.nextInt(20)).append("\n    created: \"2026-").append(String.format("%02d", 1 + random.nextInt(12)))
                        .append("-").append(String.format("%02d", 1 + random.nextInt(28))).append("T10:00:00.").append(random.nextInt(999999))
                        .append("Z\"\n    dependencies:\n    - name: common\n      repository: oci://registry-1.docker.io/bitnamicharts\n")
                        .append("      tags:\n      - bitnami-common\n      version: 2.x.x\n")
                        .append("    description: ").append(name).append(" is a generated chart used to measure index handling; it stands")
                        .append(" in for a real application packaged for Kubernetes.\n")
                        .append("    digest: ").append(hex(random)).append("\n")
                        .append("    home: https://bitnami.com\n    icon: https://bitnami.com/assets/stacks/").append(name).append("/img/icon.svg\n")
                        .append("    keywords:\n    - ").append(name).append("\n    - database\n    - http\n")
                        .append("    maintainers:\n    - name: Broadcom, Inc. All Rights Reserved.\n      url: https://github.com/bitnami/charts\n")
                        .append("    name: ").append(name).append("\n    sources:\n    - https://github.com/bitnami/charts/tree/main/bitnami/")
                        .append(name).append("\n    urls:\n    - https://charts.bitnami.com/bitnami/").append(name).append("-").append(version)
                        .append(".tgz\n    version: ").append(version).append("\n");
            }
        }
        return yaml.toString();
    }

    private static String hex(Random random) {
        StringBuilder hex = new StringBuilder(64);
        for (int i = 0; i < 64; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
