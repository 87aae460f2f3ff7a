function fib:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000C6h
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov rax,rdx
  0033  cmp eax,2
  003a  jae 000000000000004Dh
  0040  mov [rsp],rdx
  0048  jmp 00000000000000A4h
  004d  mov eax,[rbp-20h]
  0054  sub eax,1
  005b  mov rdx,rax
  005e  mov rdi,r14
  0061  mov rsi,r14
  0064  call 0000000000000069h
  0069  mov eax,eax
  006b  mov ecx,[rbp-20h]
  0072  sub ecx,2
  0079  mov [rsp],rax
  0081  mov rdx,rcx
  0084  mov rdi,r14
  0087  mov rsi,r14
  008a  call 000000000000008Fh
  008f  mov eax,eax
  0091  mov ecx,[rsp]
  0099  add ecx,eax
  009c  mov [rsp],rcx
  00a4  mov eax,[rsp]
  00ac  lea rsp,[rbp-10h]
  00b3  pop r15
  00b5  pop r14
  00b7  pop rbp
  00b8  ret
  00b9  mov rax,[rsp]
  00c1  jmp 00000000000000ACh
  00c6  ud2    ; trap: Code(StackOverflow)

