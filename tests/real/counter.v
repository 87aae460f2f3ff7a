// A small design for the yosys real-program check: an 8-bit counter with
// enable and synchronous reset, and a comparator output.
module counter(input clk, input rst, input en, output reg [7:0] q, output top);
  always @(posedge clk)
    if (rst) q <= 8'd0;
    else if (en) q <= q + 8'd1;
  assign top = (q == 8'hff);
endmodule
