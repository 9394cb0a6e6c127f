package org.merchantportal.order;

/**
 * A quantity of one order line, by the line's reference, for a capture or refund by
 * lines.
 */
public record LineQuantity(String reference, int quantity) {

}
