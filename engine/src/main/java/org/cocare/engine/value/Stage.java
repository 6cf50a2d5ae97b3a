package org.cocare.engine.value;

/**
 * The steps of the engagement funnel, in order: a recommendation is issued, a message announcing it
 * is sent and delivered, the patient opens it and acknowledges the item, and later evidence closes
 * the gap. Each step counts recommendations that reached it, whatever the steps before said.
 */
public enum Stage {
  ISSUED("issued"),
  SENT("sent"),
  DELIVERED("delivered"),
  OPENED("opened"),
  ACKNOWLEDGED("acknowledged"),
  COMPLETED("completed");

  private final String code;

  Stage(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }
}
