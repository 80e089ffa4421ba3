"""Run an Apache Beam pipeline on the DirectRunner and return what it produced, as a list."""

import logging
import uuid
from collections.abc import Callable

# Beam's optional GCP modules log a warning at import when their clients are absent; it is noise here.
_level = logging.root.manager.disable
logging.disable(logging.WARNING)
try:
    import apache_beam as beam
    import apache_beam.pipeline
    from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions
finally:
    logging.disable(_level)

# Inside IPython, Beam prefixes each transform's label with the cell number, and to do so
# imports apache_beam.dataframe, which fails under pandas 3 (Beam's dataframe extra pins
# pandas < 2.4). The labels are cosmetic: keep them as written, so pipelines run in a kernel.
apache_beam.pipeline.alter_label_if_ipython = lambda transform, pvalueish: None

# Outputs by run. The DirectRunner executes DoFns in this process, and a DoFn defined in an
# importable module is pickled by reference, so it appends to this very dict.
_OUTPUTS: dict[str, list] = {}


class _Collect(beam.DoFn):
    """Append every element to the run's list."""

    def __init__(self, run: str) -> None:
        self.run = run

    def process(self, element):
        _OUTPUTS[self.run].append(element)


def run_pipeline(build: Callable, *, streaming: bool = False) -> list:
    """Run `build(pipeline)` on the DirectRunner; return the elements of the PCollection it returns."""
    run = uuid.uuid4().hex
    _OUTPUTS[run] = []
    options = PipelineOptions(runner="DirectRunner")
    options.view_as(StandardOptions).streaming = streaming
    try:
        with beam.Pipeline(options=options) as pipeline:
            output = build(pipeline)
            if not isinstance(output, beam.PCollection):
                raise TypeError(f"build(pipeline) must return a PCollection, got {output!r}")
            output | "Collect" >> beam.ParDo(_Collect(run))
        return list(_OUTPUTS[run])
    finally:
        del _OUTPUTS[run]
