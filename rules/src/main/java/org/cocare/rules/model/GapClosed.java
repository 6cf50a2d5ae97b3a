package org.cocare.rules.model;

/**
 * A derived fact: the need behind recommendation {@code code} is met by the resource named in
 * {@code evidence}. When an open recommendation stops firing and this fact is present, the engine
 * closes it as completed, citing the evidence.
 */
public record GapClosed(String code, String evidence) {}
