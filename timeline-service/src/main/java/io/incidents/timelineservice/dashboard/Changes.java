package io.incidents.timelineservice.dashboard;

import java.util.Set;

/**
 * One batch of changes for open pages.
 *
 * @param token      names the batch: a page that has seen it says so when it reconnects
 * @param ids        the incidents that changed
 * @param everything every read model changed at once (a replay swapped them in): pages fetch all again
 */
public record Changes(String token, Set<String> ids, boolean everything) {
}
