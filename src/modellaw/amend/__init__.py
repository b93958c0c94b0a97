"""Amendment mode: an existing Act, judged against the model, turned into the model law by
amending instructions that are proved by applying them (plan -> instructions -> apply)."""
