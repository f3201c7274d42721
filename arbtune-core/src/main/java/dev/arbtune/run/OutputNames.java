package dev.arbtune.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which result documents of a session may already exist, so that {@link JobRunner} looks at the
 * file system only for those. Each output folder's names are listed once, the first time a document
 * goes there; a document whose name was not in its folder then, and that no earlier document of the
 * session named, is new: nothing can be there but what another program put there meanwhile.
 * Thread-safe; one instance serves a session.
 *
 * <p>Conservative wherever the file system's rules are unknown: names are compared in lower case (a
 * case-insensitive file system may hold {@code A.json} for {@code a.json}); folders are told apart
 * by their identity (device and inode), so that a folder reached through a symbolic link, a bind
 * mount or a name in another case is the same folder; a name outside printable ASCII (which a file
 * system may fold or normalise in ways not known here), a folder of more than {@link #MAX_LISTED}
 * names, a folder that cannot be listed, or a file system without file identities makes its
 * documents always looked at, and so does every document once {@link #MAX_NAMES} names or {@link
 * #MAX_FOLDERS} folders are known.
 */
final class OutputNames {

  /** The most names listed in one folder; a larger folder's documents are always looked at. */
  static final int MAX_LISTED = 100_000;

  /** The most names known (listed or written, about 24 bytes each); past it, all are looked at. */
  static final int MAX_NAMES = 1 << 20;

  /** The most folders known; past it, every document is looked at. */
  static final int MAX_FOLDERS = 1 << 12;

  /** Stands for a folder without a file identity in {@link #folderIds}. */
  private static final Object NO_ID = new Object();

  /**
   * Each folder's identity ({@link BasicFileAttributes#fileKey}) by its path, or {@link #NO_ID}.
   */
  private final Map<Path, Object> folderIds = new ConcurrentHashMap<>();

  /** By folder identity: whether its names were listed and are usable. */
  private final Map<Object, Boolean> listed = new ConcurrentHashMap<>();

  /** Folder identity, {@code /}, and name in lower case: of every name listed or claimed. */
  private final PlanClaims known = new PlanClaims(); // guarded by this

  /** Set once too much is known: every document is looked at. */
  private volatile boolean full;

  private final LongAdder listings = new LongAdder();

  /**
   * Whether a file may exist at {@code target} (an absolute path whose folder exists): {@code
   * false} only when its name was not in its folder when the folder was listed and no earlier call
   * named it. Remembers the name, so that the next call naming it (in any case, through any path to
   * the folder) answers {@code true}.
   */
  boolean mayExist(Path target) {
    Path name = target.getFileName();
    Path folder = target.getParent();
    if (full || name == null || folder == null) {
      return true;
    }
    Object id = folderId(folder);
    if (id == NO_ID) {
      return true;
    }
    if (!listed.containsKey(id) && listed.size() >= MAX_FOLDERS) {
      full = true;
      return true;
    }
    if (!listed.computeIfAbsent(id, k -> list(folder, k))) {
      return true;
    }
    String text = name.toString();
    if (!plainAscii(text)) {
      listed.put(id, false); // its folder may now hold a name that folds to any other
      return true;
    }
    return !claim(id + "/" + text.toLowerCase(Locale.ROOT));
  }

  /** How many folders were listed. */
  long listings() {
    return listings.sum();
  }

  private Object folderId(Path folder) {
    Object id = folderIds.get(folder);
    if (id != null) {
      return id;
    }
    try {
      Object key = Files.readAttributes(folder, BasicFileAttributes.class).fileKey();
      id = key == null ? NO_ID : key;
    } catch (IOException | RuntimeException e) {
      return NO_ID; // not cached: writing there will say what is wrong
    }
    if (folderIds.size() >= MAX_FOLDERS) {
      folderIds.clear(); // only a cache of identities: found again when needed
    }
    folderIds.put(folder, id);
    return id;
  }

  /** Lists {@code folder}'s names into {@link #known}; whether they are all usable. */
  private boolean list(Path folder, Object id) {
    listings.increment();
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      for (Path entry : entries) {
        String text = entry.getFileName().toString();
        if (!plainAscii(text) || names.size() >= MAX_LISTED) {
          return false;
        }
        names.add(id + "/" + text.toLowerCase(Locale.ROOT));
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
    synchronized (this) {
      if (known.size() + names.size() > MAX_NAMES) {
        full = true;
        return false;
      }
      for (String n : names) {
        known.claim(n, 1);
      }
    }
    return true;
  }

  /** Remembers {@code key}; whether it is new (never once too much is known). */
  private synchronized boolean claim(String key) {
    if (known.size() >= MAX_NAMES) {
      full = true;
      return false;
    }
    return known.claim(key, 1) == 0;
  }

  /** Whether {@code name} has only printable ASCII characters. */
  private static boolean plainAscii(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
