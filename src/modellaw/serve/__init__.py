"""The workshop workbench (`modellaw serve`): a local web application in which a group picks
options and sees the bill, its gap checklist and its review change together."""
