package io.tributary.artifact.catalog;

import io.tributary.helm.index.ChartVersion;
import io.tributary.helm.index.SkippedEntry;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The chart catalog over every stored HelmRepository index: repositories (with how many entries their index skipped),
 * chart search with paging and sorting, a chart's versions (and skipped entries), one version's metadata.
 */
@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    static final int MAX_LIMIT = 100;

    @Inject
    IndexCatalog catalog;

    /** One chart in search results: its newest stable version (or newest at all when it has only pre-releases). */
    public record ChartSummary(String repository, String name, String latestVersion, String appVersion, String description,
            List<String> keywords, String created, int versions) {
    }

    public record Page<T>(long total, int page, int limit, List<T> items) {
    }

    @GET
    @Path("repositories")
    public Response repositories() throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String[] object : catalog.repositories()) {
            Optional<IndexCatalog.Repository> repo = catalog.repository(object[0], object[1]);
            repo.ifPresent(r -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("namespace", r.namespace());
                item.put("name", r.name());
                item.put("digest", r.digest());
                item.put("charts", r.index().charts().size());
                item.put("versions", r.index().versionCount());
                item.put("skipped", r.index().skipped().size());
                items.add(item);
            });
        }
        return Response.ok(Map.of("items", items)).build();
    }

    @GET
    @Path("charts")
    public Response charts(@QueryParam("q") String query, @QueryParam("repository") String repository,
            @QueryParam("sort") @DefaultValue("name") String sort, @QueryParam("page") @DefaultValue("1") int page,
            @QueryParam("limit") @DefaultValue("20") int limit) throws IOException {
        if (limit < 1 || limit > MAX_LIMIT) {
            return problem(400, "limit: must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (page < 1) {
            return problem(400, "page: must be 1 or more, got " + page);
        }
        Comparator<ChartSummary> order = switch (sort) {
            case "name" -> Comparator.comparing(ChartSummary::name).thenComparing(ChartSummary::repository);
            case "-name" -> Comparator.comparing(ChartSummary::name).thenComparing(ChartSummary::repository).reversed();
            case "repository" -> Comparator.comparing(ChartSummary::repository).thenComparing(ChartSummary::name);
            case "-repository" -> Comparator.comparing(ChartSummary::repository).thenComparing(ChartSummary::name).reversed();
            case "created" -> Comparator.comparing(ChartSummary::created, Comparator.nullsFirst(Comparator.naturalOrder()));
            case "-created" -> Comparator.comparing(ChartSummary::created, Comparator.nullsFirst(Comparator.naturalOrder())).reversed();
            default -> null;
        };
        if (order == null) {
            return problem(400, "sort: must be one of name, -name, repository, -repository, created, -created; got '" + sort + "'");
        }
        String needle = query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
        List<ChartSummary> matches = new ArrayList<>();
        for (String[] object : catalog.repositories()) {
            String key = object[0] + "/" + object[1];
            if (repository != null && !repository.isBlank() && !repository.equals(key)) {
                continue;
            }
            Optional<IndexCatalog.Repository> repo = catalog.repository(object[0], object[1]);
            if (repo.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, List<ChartVersion>> chart : repo.get().index().charts().entrySet()) {
                if (chart.getValue().isEmpty()) {
                    continue;
                }
                ChartVersion latest = chart.getValue().stream().filter(v -> !v.semver().isPrerelease()).findFirst()
                        .orElse(chart.getValue().get(0));
                if (!needle.isEmpty() && !chart.getKey().toLowerCase(Locale.ROOT).contains(needle)
                        && latest.keywords().stream().noneMatch(k -> k.toLowerCase(Locale.ROOT).contains(needle))) {
                    continue;
                }
                matches.add(new ChartSummary(key, chart.getKey(), latest.version(), latest.appVersion(), latest.description(),
                        latest.keywords(), latest.created(), chart.getValue().size()));
            }
        }
        matches.sort(order);
        int from = (int) Math.min((long) (page - 1) * limit, matches.size());
        int to = Math.min(from + limit, matches.size());
        return Response.ok(new Page<>(matches.size(), page, limit, List.copyOf(matches.subList(from, to)))).build();
    }

    /**
     * Every version of a chart, newest first, with its full metadata, and the digest of the index they come from; and the
     * chart's index entries that were skipped as Helm skips them (invalid or null), with the reason.
     */
    @GET
    @Path("repositories/{namespace}/{name}/charts/{chart}")
    public Response versions(@PathParam("namespace") String namespace, @PathParam("name") String name, @PathParam("chart") String chart)
            throws IOException {
        Optional<IndexCatalog.Repository> repo = catalog.repository(namespace, name);
        if (repo.isEmpty()) {
            return problem(404, "no stored index for HelmRepository '" + namespace + "/" + name + "'");
        }
        List<ChartVersion> versions = repo.get().index().charts().get(chart);
        if (versions == null) {
            return problem(404, "no chart '" + chart + "' in HelmRepository '" + namespace + "/" + name + "'");
        }
        List<SkippedEntry> skipped = repo.get().index().skipped().stream().filter(s -> s.chart().equals(chart)).toList();
        return Response.ok(Map.of("repository", namespace + "/" + name, "digest", repo.get().digest(), "name", chart, "versions", versions,
                "skipped", skipped)).build();
    }

    @GET
    @Path("repositories/{namespace}/{name}/charts/{chart}/versions/{version}")
    public Response version(@PathParam("namespace") String namespace, @PathParam("name") String name, @PathParam("chart") String chart,
            @PathParam("version") String version) throws IOException {
        Optional<IndexCatalog.Repository> repo = catalog.repository(namespace, name);
        if (repo.isEmpty()) {
            return problem(404, "no stored index for HelmRepository '" + namespace + "/" + name + "'");
        }
        List<ChartVersion> versions = repo.get().index().charts().get(chart);
        Optional<ChartVersion> match = versions == null ? Optional.empty()
                : versions.stream().filter(v -> v.version().equals(version)).findFirst();
        return match.<Response>map(v -> Response.ok(v).build())
                .orElseGet(() -> problem(404, "no version '" + version + "' of chart '" + chart + "' in HelmRepository '"
                        + namespace + "/" + name + "'"));
    }

    private static Response problem(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("status", status, "message", message)).build();
    }
}
