package org.merchantportal.order;

/**
 * What an order's own page shows: the order with its lines, and one page of its timeline
 * (never the whole timeline).
 */
public record OrderDetails(Order order, TimelinePage timeline) {

}
