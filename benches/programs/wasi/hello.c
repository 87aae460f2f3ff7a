/* Hello world: the start-up of a WASI program that does nothing else. */
#include <stdio.h>

int main(void) {
    printf("Hello, world!\n");
    return 0;
}
