package io.tributary.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.CustomResource;
import io.tributary.api.helm.HelmRelease;
import io.tributary.api.notification.Alert;
import io.tributary.api.notification.Provider;
import io.tributary.api.notification.Receiver;
import io.tributary.api.source.Bucket;
import io.tributary.api.source.ExternalArtifact;
import io.tributary.api.source.GitRepository;
import io.tributary.api.source.HelmChart;
import io.tributary.api.source.HelmRepository;
import io.tributary.api.source.OCIRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates the CRD YAML from the model classes. Runs at build time (process-test-classes);
 * with {@code -Dtributary.crds.write=true} it also refreshes the committed copies in {@code k8s/crds}.
 */
public final class CrdGeneration {

    static final String HEADER = "# Generated from the io.tributary.api model classes. Do not edit:\n"
            + "# regenerate with ./mvnw -pl api process-test-classes -Dtributary.crds.write=true\n";

    static final List<Class<? extends CustomResource<?, ?>>> RESOURCES = List.of(
            GitRepository.class, HelmRepository.class, HelmChart.class, Bucket.class, OCIRepository.class, ExternalArtifact.class,
            HelmRelease.class, Receiver.class, Alert.class, Provider.class);

    private CrdGeneration() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        boolean write = args.length > 1 && Boolean.parseBoolean(args[1]);
        generate(out);
        if (write) {
            Path committed = Path.of(args[2]);
            Files.createDirectories(committed);
            try (Stream<Path> files = Files.list(out)) {
                for (Path file : files.toList()) {
                    Files.copy(file, committed.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * The generator sorts printer columns; kubectl shows them in CRD order, so restore the order Flux uses; then add what
     * annotations cannot say ({@link CrdSchemaFixes}).
     */
    static String withColumnsInDeclaredOrder(String yaml, Class<?> type) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        CustomResourceDefinition crd = serialization.unmarshal(yaml, CustomResourceDefinition.class);
        List<String> declared = Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            if (version.getAdditionalPrinterColumns() != null) {
                version.getAdditionalPrinterColumns().sort(Comparator.comparingInt(c -> declared.indexOf(c.getName())));
            }
        }
        CrdSchemaFixes.apply(crd, type);
        return serialization.asYaml(crd);
    }

    /** Writes one {@code <group>_<plural>.yaml} per resource into {@code out}. */
    static void generate(Path out) throws IOException {
        Path raw = out.resolveSibling(out.getFileName() + "-raw");
        Files.createDirectories(raw);
        Files.createDirectories(out);
        new CRDGenerator()
                .customResourceClasses(RESOURCES.toArray(Class[]::new))
                .forCRDVersions("v1")
                .inOutputDir(raw.toFile())
                .generate();
        for (Class<? extends CustomResource<?, ?>> type : RESOURCES) {
            String crdName = CustomResource.getCRDName(type);
            int dot = crdName.indexOf('.');
            String fileName = crdName.substring(dot + 1) + "_" + crdName.substring(0, dot) + ".yaml";
            String yaml = Files.readString(raw.resolve(crdName + "-v1.yml"));
            Files.writeString(out.resolve(fileName), HEADER + withColumnsInDeclaredOrder(yaml, type));
        }
    }
}
