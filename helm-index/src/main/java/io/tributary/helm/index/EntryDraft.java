package io.tributary.helm.index;

import java.util.List;

/** One index entry's fields as read, before Helm's validation decides whether it is kept. */
final class EntryDraft {

    /** A chart dependency as validation sees it; a null element stands for a null node. */
    record Dependency(String name, String alias) {
    }

    String name;
    String version;
    String appVersion;
    String description;
    String digest;
    String created;
    String home;
    String icon;
    String type;
    List<String> urls = List.of();
    List<String> keywords = List.of();
    boolean deprecated;
    /** {@code maintainers} holds a null node. */
    boolean nullMaintainer;
    List<Dependency> dependencies = List.of();

    /** Sets a field this class keeps; the others are read only to check them. */
    @SuppressWarnings("unchecked")
    void set(IndexFields.Version field, Object value) {
        switch (field) {
            case NAME -> name = (String) value;
            case VERSION -> version = (String) value;
            case APP_VERSION -> appVersion = (String) value;
            case DESCRIPTION -> description = (String) value;
            case DIGEST -> digest = (String) value;
            case CREATED -> created = (String) value;
            case HOME -> home = (String) value;
            case ICON -> icon = (String) value;
            case TYPE -> type = (String) value;
            case URLS -> urls = (List<String>) value;
            case KEYWORDS -> keywords = (List<String>) value;
            case DEPRECATED -> deprecated = (Boolean) value;
            case MAINTAINERS -> nullMaintainer = (Boolean) value;
            case DEPENDENCIES -> dependencies = (List<Dependency>) value;
            default -> {
            }
        }
    }
}
