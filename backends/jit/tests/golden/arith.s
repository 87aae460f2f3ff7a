function add:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000006Ch
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov ecx,ecx
  0033  mov [rbp-30h],rcx
  003a  mov eax,[rbp-20h]
  0041  mov ecx,[rbp-30h]
  0048  add eax,ecx
  004b  imul eax,7
  0052  lea rsp,[rbp-10h]
  0059  pop r15
  005b  pop r14
  005d  pop rbp
  005e  ret
  005f  mov rax,[rsp]
  0067  jmp 0000000000000052h
  006c  ud2    ; trap: Code(StackOverflow)

function max:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000090h
  0026  mov [rbp-20h],rdx
  002d  mov [rbp-30h],rcx
  0034  mov rax,[rbp-20h]
  003b  mov rcx,[rbp-30h]
  0042  cmp rax,rcx
  0045  jle 000000000000005Fh
  004b  mov rax,[rbp-20h]
  0052  mov [rsp],rax
  005a  jmp 000000000000006Eh
  005f  mov rax,[rbp-30h]
  0066  mov [rsp],rax
  006e  mov rax,[rsp]
  0076  lea rsp,[rbp-10h]
  007d  pop r15
  007f  pop r14
  0081  pop rbp
  0082  ret
  0083  mov rax,[rsp]
  008b  jmp 0000000000000076h
  0090  ud2    ; trap: Code(StackOverflow)

function div:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000008Eh
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov ecx,ecx
  0033  mov [rbp-30h],rcx
  003a  mov eax,[rbp-20h]
  0041  mov ecx,[rbp-30h]
  0048  mov r11,rcx
  004b  test r11d,r11d
  004e  je 000000000000008Ah
  0054  cmp r11d,0FFFFFFFFh
  005b  jne 000000000000006Ch
  0061  cmp eax,80000000h
  0066  je 000000000000008Ch
  006c  cdq
  006d  idiv r11d
  0070  lea rsp,[rbp-10h]
  0077  pop r15
  0079  pop r14
  007b  pop rbp
  007c  ret
  007d  mov rax,[rsp]
  0085  jmp 0000000000000070h
  008a  ud2    ; trap: Code(IntegerDivisionByZero)
  008c  ud2    ; trap: Code(IntegerOverflow)
  008e  ud2    ; trap: Code(StackOverflow)

function hypot:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,70h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000008Ch
  0026  movsd [rbp-20h],xmm0
  002f  movsd [rbp-30h],xmm1
  0038  movsd xmm0,[rbp-20h]
  0041  movsd xmm1,[rbp-20h]
  004a  mulsd xmm0,xmm1
  004f  movsd xmm1,[rbp-30h]
  0058  movsd xmm2,[rbp-30h]
  0061  mulsd xmm1,xmm2
  0066  addsd xmm0,xmm1
  006b  sqrtsd xmm0,xmm0
  0070  lea rsp,[rbp-10h]
  0077  pop r15
  0079  pop r14
  007b  pop rbp
  007c  ret
  007d  movsd xmm0,[rsp]
  0087  jmp 0000000000000070h
  008c  ud2    ; trap: Code(StackOverflow)

