package org.cocare.rules.model;

/**
 * A derived fact: the record shows {@code topic} (e.g. {@code diabetes}), because of the resource
 * named in {@code evidence}. Inserted logically by classification rules.
 */
public record Finding(String topic, String evidence) {}
