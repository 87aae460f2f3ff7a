function add:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000064h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov ecx,ecx
  0033  mov [rbp-30h],rcx
  003a  mov rax,rdx
  003d  mov rsi,rcx
  0040  add eax,esi
  0043  imul eax,7
  004a  lea rsp,[rbp-10h]
  0051  pop r15
  0053  pop r14
  0055  pop rbp
  0056  ret
  0057  mov rax,[rsp]
  005f  jmp 000000000000004Ah
  0064  ud2    ; trap: Code(StackOverflow)

function max:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000084h
  0026  mov [rbp-20h],rdx
  002d  mov [rbp-30h],rcx
  0034  mov rax,rdx
  0037  mov rsi,rcx
  003a  cmp rax,rsi
  003d  jle 0000000000000053h
  0043  mov rax,rdx
  0046  mov [rsp],rax
  004e  jmp 0000000000000062h
  0053  mov rax,[rbp-30h]
  005a  mov [rsp],rax
  0062  mov rax,[rsp]
  006a  lea rsp,[rbp-10h]
  0071  pop r15
  0073  pop r14
  0075  pop rbp
  0076  ret
  0077  mov rax,[rsp]
  007f  jmp 000000000000006Ah
  0084  ud2    ; trap: Code(StackOverflow)

function div:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000086h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov ecx,ecx
  0033  mov [rbp-30h],rcx
  003a  mov rax,rdx
  003d  mov rsi,rcx
  0040  mov r11,rsi
  0043  test r11d,r11d
  0046  je 0000000000000082h
  004c  cmp r11d,0FFFFFFFFh
  0053  jne 0000000000000064h
  0059  cmp eax,80000000h
  005e  je 0000000000000084h
  0064  cdq
  0065  idiv r11d
  0068  lea rsp,[rbp-10h]
  006f  pop r15
  0071  pop r14
  0073  pop rbp
  0074  ret
  0075  mov rax,[rsp]
  007d  jmp 0000000000000068h
  0082  ud2    ; trap: Code(IntegerDivisionByZero)
  0084  ud2    ; trap: Code(IntegerOverflow)
  0086  ud2    ; trap: Code(StackOverflow)

function hypot:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,70h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000007Ch
  0026  movsd [rbp-20h],xmm0
  002f  movsd [rbp-30h],xmm1
  0038  movaps xmm2,xmm0
  003c  movaps xmm3,xmm0
  0040  mulsd xmm2,xmm3
  0045  movaps xmm3,xmm1
  0049  movaps xmm4,xmm1
  004d  mulsd xmm3,xmm4
  0052  addsd xmm2,xmm3
  0057  sqrtsd xmm2,xmm2
  005c  movaps xmm0,xmm2
  0060  lea rsp,[rbp-10h]
  0067  pop r15
  0069  pop r14
  006b  pop rbp
  006c  ret
  006d  movsd xmm0,[rsp]
  0077  jmp 0000000000000060h
  007c  ud2    ; trap: Code(StackOverflow)

