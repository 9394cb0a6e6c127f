package org.merchantportal.web;

/**
 * A short label beside a name: an order's status and flags, a user's or an API
 * credential's state. Pages show it through {@code fragments/badge.html}, and the Orders
 * page's rows, written in Java, through the same markup ({@code OrderRowsHtml}), so that
 * a badge looks and reads the same wherever it appears.
 *
 * @param kind the CSS class beside {@code badge} that gives its colour, such as
 * {@code status-CAPTURED} or {@code expires-soon}
 * @param text what it says, in the reader's language
 */
public record Badge(String kind, String text) {

}
