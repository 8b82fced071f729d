"""Implementations with one backward bug each, for the bug zoo (tests/bugs/) to take in later.

Each module provides one ``<op>_backward`` (the reference's, with one change) and names the issue
thread its bug comes from; ``OPERATOR`` is the forward it differentiates. tests/test_gradients.py
checks that the backward property catches each with a call torch itself passes.
"""

BUGS = ["avg_backward_divides_by_full_kernel", "max_backward_ties_to_last", "conv_weight_grad_first_group",
        "conv_transpose_input_grad_drops_output_padding", "adaptive_avg_backward_constant_window",
        "lp_backward_window_as_full"]
