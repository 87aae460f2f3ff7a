/* A bytecode interpreter: a stack machine with locals, jumps and calls,
 * dispatched by a switch, as in the inner loop of a scripting language.
 * The guest program counts primes below N by trial division (a called
 * function `is_prime`) and sums a Collatz-like sequence.
 * Usage: vm [N]  (default 80000) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum Op {
    PUSH, LOAD, STORE, ADD, SUB, MUL, DIV, MOD, LT, EQ, JMP, JZ, JNZ, CALL, RET, DUP, DROP, HALT, INC, LOADARG
};

typedef struct {
    int32_t op, arg;
} Insn;

typedef struct {
    int32_t ret, bp;
} Frame;

static int64_t run(const Insn *code, int32_t entry, int64_t arg0) {
    int64_t stack[256];
    int64_t locals[1024];
    Frame frames[64];
    int sp = 0, fp = 0, bp = 0;
    int32_t pc = entry;
    locals[0] = arg0;
    for (;;) {
        Insn in = code[pc++];
        switch (in.op) {
        case PUSH: stack[sp++] = in.arg; break;
        case LOAD: stack[sp++] = locals[bp + in.arg]; break;
        case STORE: locals[bp + in.arg] = stack[--sp]; break;
        case INC: locals[bp + in.arg]++; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case DIV: sp--; stack[sp - 1] /= stack[sp]; break;
        case MOD: sp--; stack[sp - 1] %= stack[sp]; break;
        case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
        case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
        case JMP: pc = in.arg; break;
        case JZ: if (stack[--sp] == 0) pc = in.arg; break;
        case JNZ: if (stack[--sp] != 0) pc = in.arg; break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case DROP: sp--; break;
        case CALL:
            frames[fp].ret = pc;
            frames[fp].bp = bp;
            fp++;
            bp += 16;
            locals[bp] = stack[--sp];
            pc = in.arg;
            break;
        case LOADARG: stack[sp++] = locals[bp]; break;
        case RET:
            fp--;
            pc = frames[fp].ret;
            bp = frames[fp].bp;
            break;
        case HALT: return stack[sp - 1];
        default: return -1;
        }
    }
}

/* The guest program. Locals of main: 0 n, 1 i, 2 count, 3 x, 4 acc.
 * is_prime(k), locals: 0 k, 1 d. */
static const Insn PROGRAM[] = {
    /* 0: is_prime(k) -> pushes 0/1 */
    {PUSH, 2}, {STORE, 1},                              /* d = 2 */
    /* 2: loop */
    {LOAD, 1}, {LOAD, 1}, {MUL, 0}, {LOADARG, 0}, {LT, 0}, /* d*d < k ? */
    {LOAD, 1}, {LOAD, 1}, {MUL, 0}, {LOADARG, 0}, {EQ, 0}, /* d*d == k ? */
    {ADD, 0}, {JZ, 22},                                  /* d*d <= k else prime */
    {LOADARG, 0}, {LOAD, 1}, {MOD, 0}, {JZ, 24},          /* k % d == 0: not prime */
    {INC, 1}, {JMP, 2},
    {0, 0}, {0, 0},
    /* 22: */ {PUSH, 1}, {RET, 0},
    /* 24: */ {PUSH, 0}, {RET, 0},
    /* 26: main(n) */
    {PUSH, 2}, {STORE, 1}, {PUSH, 0}, {STORE, 2}, {PUSH, 0}, {STORE, 4},
    /* 32: loop: while i < n */
    {LOAD, 1}, {LOAD, 0}, {LT, 0}, {JZ, 65},
    {LOAD, 1}, {CALL, 0}, {LOAD, 2}, {ADD, 0}, {STORE, 2},  /* count += is_prime(i) */
    /* x = i; 8 steps of x = x odd ? 3x+1 : x/2, acc += x */
    {LOAD, 1}, {STORE, 3}, {PUSH, 8}, {STORE, 5},
    /* 45: */ {LOAD, 3}, {PUSH, 2}, {MOD, 0}, {JNZ, 100},
    {LOAD, 3}, {PUSH, 2}, {DIV, 0}, {STORE, 3},
    /* 53: */ {LOAD, 4}, {LOAD, 3}, {ADD, 0}, {STORE, 4},
    {LOAD, 5}, {PUSH, 1}, {SUB, 0}, {DUP, 0}, {STORE, 5}, {JNZ, 45},
    {INC, 1}, {JMP, 32},
    /* 65: the end of main, appended by main() below */
};

int main(int argc, char **argv) {
    int32_t n = argc > 1 ? atoi(argv[1]) : 80000;
    /* Assemble: PROGRAM plus the tail at fixed addresses. */
    static Insn code[128];
    size_t len = sizeof PROGRAM / sizeof PROGRAM[0];
    if (len != 65)
        return 2;
    for (size_t i = 0; i < len; i++)
        code[i] = PROGRAM[i];
    /* 65, the end of main's loop: count * 1000000 + acc. */
    int32_t at = (int32_t)len;
    code[at++] = (Insn){LOAD, 2};
    code[at++] = (Insn){PUSH, 1000000};
    code[at++] = (Insn){MUL, 0};
    code[at++] = (Insn){LOAD, 4};
    code[at++] = (Insn){ADD, 0};
    code[at++] = (Insn){HALT, 0};
    /* 100: the odd step x = 3x + 1, back to 53. */
    code[100] = (Insn){LOAD, 3};
    code[101] = (Insn){PUSH, 3};
    code[102] = (Insn){MUL, 0};
    code[103] = (Insn){PUSH, 1};
    code[104] = (Insn){ADD, 0};
    code[105] = (Insn){STORE, 3};
    code[106] = (Insn){JMP, 53};
    int64_t r = run(code, 26, n);
    printf("vm(%d) = %lld\n", (int)n, (long long)r);
    return 0;
}
