package hudson.model;

public interface Item {}
