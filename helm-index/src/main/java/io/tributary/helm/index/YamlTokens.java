package io.tributary.helm.index;

import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingEndEvent;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceEndEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The first YAML document of an index as go-yaml v2 presents it to Helm: scalars typed by YAML 1.1 rules, aliases
 * expanded (with go-yaml's limit on how much of a document may come from aliases), merge keys ({@code <<}) spliced
 * into the mapping that holds them. Events come from SnakeYAML's parser, one at a time.
 */
final class YamlTokens implements IndexTokens {

    private static final String TAG = "tag:yaml.org,2002:";
    private static final int MAX_DEPTH = 10_000;

    private enum Container { MAP, SEQ, MERGED_MAP, MERGED_SEQ }

    private static final class Frame {
        final Container container;
        boolean atKey = true;

        Frame(Container container) {
            this.container = container;
        }

        boolean mapping() {
            return container == Container.MAP || container == Container.MERGED_MAP;
        }
    }

    /** An anchored node's events, recorded as they pass so that aliases can replay them. */
    private static final class Recording {
        final String anchor;
        final List<Event> events = new ArrayList<>();
        int depth;

        Recording(String anchor) {
            this.anchor = anchor;
        }
    }

    private final ParserImpl parser;
    private final Map<String, List<Event>> anchors = new HashMap<>();
    private final List<Recording> recordings = new ArrayList<>();
    private final ArrayDeque<Iterator<Event>> replays = new ArrayDeque<>();
    private final ArrayDeque<Frame> frames = new ArrayDeque<>();
    private boolean started;
    private boolean finished;
    private boolean fromReplay;
    private boolean aliasStart;
    private long decodeCount;
    private long aliasCount;
    private YamlScalars.Type type;
    private String text;
    private boolean bool;
    private int line;

    YamlTokens(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE); // whoever reads the stream caps its size
        this.parser = new ParserImpl(new StreamReader(reader), options);
    }

    @Override
    public Kind next() {
        if (finished) {
            return Kind.END;
        }
        if (!started) {
            started = true;
            parser.getEvent(); // stream start
            if (parser.getEvent() instanceof StreamEndEvent) { // no document at all
                finished = true;
                return Kind.END;
            }
        }
        while (true) {
            Event event = pull();
            line = event.getStartMark() == null ? line : event.getStartMark().getLine() + 1;
            if (event instanceof ScalarEvent scalar) {
                Frame top = frames.peek();
                if (top != null && top.container == Container.MERGED_SEQ) {
                    throw wantMap();
                }
                if (top != null && top.mapping() && top.atKey && merge(scalar)) {
                    startMerge();
                    continue;
                }
                count();
                resolve(scalar);
                completed();
                return Kind.SCALAR;
            }
            if (event instanceof MappingStartEvent) {
                if (frames.peek() != null && frames.peek().container == Container.MERGED_SEQ) {
                    open(new Frame(Container.MERGED_MAP)); // one of the mappings a sequence merges
                    continue;
                }
                count();
                open(new Frame(Container.MAP));
                return Kind.MAP;
            }
            if (event instanceof SequenceStartEvent) {
                if (frames.peek() != null && frames.peek().container == Container.MERGED_SEQ) {
                    throw wantMap();
                }
                count();
                open(new Frame(Container.SEQ));
                return Kind.SEQ;
            }
            if (event instanceof MappingEndEvent || event instanceof SequenceEndEvent) {
                Frame closed = frames.pop();
                if (closed.container == Container.MERGED_MAP || closed.container == Container.MERGED_SEQ) {
                    continue; // the merged content already went out as the holder's own keys
                }
                completed();
                return closed.container == Container.MAP ? Kind.END_MAP : Kind.END_SEQ;
            }
            if (event instanceof DocumentEndEvent || event instanceof StreamEndEvent) {
                finished = true;
                return Kind.END;
            }
        }
    }

    /** The next event, aliases expanded; anchored nodes recorded. */
    private Event pull() {
        aliasStart = false;
        while (true) {
            Event event;
            if (!replays.isEmpty()) {
                Iterator<Event> replay = replays.peek();
                if (!replay.hasNext()) {
                    replays.pop();
                    continue;
                }
                event = replay.next();
                fromReplay = true;
            } else {
                event = parser.getEvent();
                fromReplay = false;
            }
            if (event instanceof AliasEvent alias) {
                replay(alias);
                continue;
            }
            record(event);
            return event;
        }
    }

    private void replay(AliasEvent alias) {
        String anchor = alias.getAnchor();
        for (Recording r : recordings) {
            if (r.anchor.equals(anchor)) {
                throw invalid("anchor '" + anchor + "' value contains itself", alias);
            }
        }
        List<Event> events = anchors.get(anchor);
        if (events == null) {
            throw invalid("unknown anchor '" + anchor + "' referenced", alias);
        }
        replays.push(events.iterator());
        aliasStart = true;
    }

    private void record(Event event) {
        if (!fromReplay && event instanceof NodeEvent node && node.getAnchor() != null && !(event instanceof AliasEvent)) {
            recordings.add(new Recording(node.getAnchor()));
        }
        for (int i = recordings.size() - 1; i >= 0; i--) {
            Recording r = recordings.get(i);
            r.events.add(event);
            if (event instanceof MappingStartEvent || event instanceof SequenceStartEvent) {
                r.depth++;
            } else if (event instanceof MappingEndEvent || event instanceof SequenceEndEvent) {
                r.depth--;
            }
            if (r.depth == 0) {
                anchors.put(r.anchor, List.copyOf(r.events));
                recordings.remove(i);
            }
        }
    }

    /** go-yaml v2's alias limit: beyond 100 aliased nodes in 1,000, the share from aliases must stay under a ratio. */
    private void count() {
        decodeCount++;
        if (fromReplay) {
            aliasCount++;
        }
        if (aliasCount > 100 && decodeCount > 1000 && (double) aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
            throw new IllegalArgumentException("index is not valid YAML: document contains excessive aliasing");
        }
    }

    private static double allowedAliasRatio(long decodeCount) {
        if (decodeCount <= 400_000) {
            return 0.99;
        }
        if (decodeCount >= 4_000_000) {
            return 0.10;
        }
        return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000.0);
    }

    private void open(Frame frame) {
        if (frames.size() >= MAX_DEPTH) {
            throw new IllegalArgumentException("index is not valid YAML: exceeded max depth of " + MAX_DEPTH + " (line " + line + ")");
        }
        frames.push(frame);
    }

    /** A node finished: the mapping holding it now expects a key again, or a value. */
    private void completed() {
        Frame top = frames.peek();
        if (top == null) {
            finished = true; // the root node is complete; later documents are never read
        } else if (top.mapping()) {
            top.atKey = !top.atKey;
        }
    }

    private static boolean merge(ScalarEvent scalar) {
        return "<<".equals(scalar.getValue())
                && (scalar.getTag() == null ? scalar.getImplicit().canOmitTagInPlainScalar() : scalar.getTag().equals(TAG + "merge"));
    }

    /** {@code <<: value}: a mapping, an alias of one, or a sequence of those, whose keys become the holder's. */
    private void startMerge() {
        Event value = pull();
        if (value instanceof MappingStartEvent) {
            open(new Frame(Container.MERGED_MAP));
        } else if (value instanceof SequenceStartEvent && !aliasStart) {
            open(new Frame(Container.MERGED_SEQ));
        } else {
            throw wantMap();
        }
    }

    private IllegalArgumentException wantMap() {
        return new IllegalArgumentException("index is not valid YAML: map merge requires map or sequence of maps as the value (line "
                + line + ")");
    }

    private static IllegalArgumentException invalid(String problem, Event at) {
        return new IllegalArgumentException("index is not valid YAML: " + problem
                + (at.getStartMark() == null ? "" : " (line " + (at.getStartMark().getLine() + 1) + ")"));
    }

    /** go-yaml v2: untagged quoted and block scalars are strings; plain ones and those with a standard tag are resolved. */
    private void resolve(ScalarEvent scalar) {
        text = scalar.getValue();
        String tag = scalar.getTag();
        if (tag == null || tag.equals("!")) {
            type = scalar.getImplicit().canOmitTagInPlainScalar() && tag == null ? YamlScalars.resolve(text) : YamlScalars.Type.STRING;
        } else if (tag.startsWith(TAG)) {
            type = tagged(tag.substring(TAG.length()), scalar);
        } else {
            type = YamlScalars.Type.STRING; // a custom tag: go-yaml keeps the text
        }
        bool = type == YamlScalars.Type.BOOL && YamlScalars.bool(text);
    }

    private YamlScalars.Type tagged(String tag, ScalarEvent scalar) {
        YamlScalars.Type resolved = YamlScalars.resolve(text);
        YamlScalars.Type wanted = switch (tag) {
            case "str", "timestamp" -> YamlScalars.Type.STRING;
            case "binary" -> {
                try {
                    text = new String(java.util.Base64.getMimeDecoder().decode(text), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException bad) {
                    throw invalid("!!binary value contains invalid base64 data", scalar);
                }
                yield YamlScalars.Type.STRING;
            }
            case "null" -> YamlScalars.Type.NULL;
            case "bool" -> YamlScalars.Type.BOOL;
            case "int" -> YamlScalars.Type.INT;
            case "float" -> resolved == YamlScalars.Type.INT ? YamlScalars.Type.INT : YamlScalars.Type.FLOAT;
            default -> YamlScalars.Type.STRING;
        };
        if (wanted != YamlScalars.Type.STRING && resolved != wanted) {
            throw invalid("cannot decode `" + text + "` as a !!" + tag, scalar);
        }
        return wanted;
    }

    @Override
    public YamlScalars.Type type() {
        return type;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public boolean bool() {
        return bool;
    }

    @Override
    public int line() {
        return line;
    }

    @Override
    public boolean yaml() {
        return true;
    }
}
