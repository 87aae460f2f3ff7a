function add:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000061h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov ecx,ecx
  0033  mov [rbp-30h],rcx
  003a  mov rax,rdx
  003d  add eax,ecx
  0040  imul eax,7
  0047  lea rsp,[rbp-10h]
  004e  pop r15
  0050  pop r14
  0052  pop rbp
  0053  ret
  0054  mov rax,[rsp]
  005c  jmp 0000000000000047h
  0061  ud2    ; trap: Code(StackOverflow)
  0063  mov r11,rdx
  0066  mov edx,[r11]
  006e  mov ecx,[r11+10h]
  0076  jmp 0

function max:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000007Eh
  0026  mov [rbp-20h],rdx
  002d  mov [rbp-30h],rcx
  0034  mov rax,rdx
  0037  cmp rax,rcx
  003a  jle 000000000000004Dh
  0040  mov [rsp],rdx
  0048  jmp 000000000000005Ch
  004d  mov r11,[rbp-30h]
  0054  mov [rsp],r11
  005c  mov rax,[rsp]
  0064  lea rsp,[rbp-10h]
  006b  pop r15
  006d  pop r14
  006f  pop rbp
  0070  ret
  0071  mov rax,[rsp]
  0079  jmp 0000000000000064h
  007e  ud2    ; trap: Code(StackOverflow)
  0080  mov r11,rdx
  0083  mov rdx,[r11]
  008b  mov rcx,[r11+10h]
  0093  jmp 0

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
  003a  mov rax,rcx
  003d  mov r11,rax
  0040  mov rax,rdx
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
  0088  mov r11,rdx
  008b  mov edx,[r11]
  0093  mov ecx,[r11+10h]
  009b  jmp 0

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
  0040  mulsd xmm3,xmm2
  0045  movaps xmm2,xmm1
  0049  movaps xmm4,xmm1
  004d  mulsd xmm4,xmm2
  0052  addsd xmm3,xmm4
  0057  sqrtsd xmm3,xmm3
  005c  movaps xmm0,xmm3
  0060  lea rsp,[rbp-10h]
  0067  pop r15
  0069  pop r14
  006b  pop rbp
  006c  ret
  006d  movsd xmm0,[rsp]
  0077  jmp 0000000000000060h
  007c  ud2    ; trap: Code(StackOverflow)
  007e  mov r11,rdx
  0081  movsd xmm0,[r11]
  008b  movsd xmm1,[r11+10h]
  0095  jmp 0

