package io.tributary.fetcher.source.git;

import java.net.InetSocketAddress;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Strict host key checking against the {@code known_hosts} key of a GitRepository's secret: a server key that is
 * not listed for the host (plain or hashed entry, {@code [host]:port} for other ports than 22) is refused. Nothing
 * is ever added.
 */
final class KnownHosts implements ServerKeyDatabase {

    private record Entry(KnownHostEntry host, PublicKey key) {
    }

    private final List<Entry> entries = new ArrayList<>();

    KnownHosts(String knownHosts) {
        for (String line : knownHosts.split("\\R")) {
            String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                KnownHostEntry entry = KnownHostEntry.parseKnownHostEntry(trimmed);
                AuthorizedKeyEntry keyEntry = entry == null ? null : entry.getKeyEntry();
                if (keyEntry != null && !"revoked".equals(entry.getMarker())) {
                    entries.add(new Entry(entry, keyEntry.resolvePublicKey(null, PublicKeyEntryResolver.IGNORING)));
                }
            } catch (Exception unreadable) {
                // an unreadable line cannot vouch for any host
            }
        }
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return entries.stream().filter(e -> e.key() != null && matches(e.host(), remoteAddress)).map(Entry::key).toList();
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey, Configuration config,
            CredentialsProvider provider) {
        return lookup(connectAddress, remoteAddress, config).stream().anyMatch(known -> KeyUtils.compareKeys(known, serverKey));
    }

    private static boolean matches(KnownHostEntry entry, InetSocketAddress address) {
        return entry.isHostMatch(address.getHostString(), address.getPort())
                || (address.getAddress() != null && entry.isHostMatch(address.getAddress().getHostAddress(), address.getPort()));
    }
}
