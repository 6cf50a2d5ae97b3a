package org.cocare.rules.model;

/** A derived fact: the patient is excluded from recommendation {@code code}, and why. */
public record Excluded(String code, String reason, String evidence) {}
